import { type DataSourceSettings } from '@grafana/data';
import { fireEvent, render, screen } from '@testing-library/react';
import { testIds } from '@/components/testIds';
import { type OpsdeckOptions, type OpsdeckSecureOptions } from '../types';
import { ConfigEditor } from './ConfigEditor';

function settings(overrides: Partial<DataSourceSettings<OpsdeckOptions, OpsdeckSecureOptions>> = {}) {
  return {
    id: 1,
    uid: 'opsdeck',
    orgId: 1,
    name: 'Opsdeck',
    type: 'opsdeck-sre-datasource',
    typeName: 'Opsdeck SRE gateway',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    withCredentials: false,
    readOnly: false,
    jsonData: { gatewayUrl: 'http://gateway:8080' },
    secureJsonFields: {},
    ...overrides,
  } as DataSourceSettings<OpsdeckOptions, OpsdeckSecureOptions>;
}

describe('ConfigEditor', () => {
  it('edits the gateway URL in jsonData', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings()} onOptionsChange={onOptionsChange} />);
    const input = screen.getByTestId(testIds.configEditor.gatewayUrl);
    expect(input).toHaveValue('http://gateway:8080');
    expect(screen.getByLabelText(/Gateway URL/)).toBe(input);

    fireEvent.change(input, { target: { value: ' http://opsdeck:9090 ' } });
    expect(onOptionsChange).toHaveBeenCalledWith(expect.objectContaining({ jsonData: { gatewayUrl: 'http://opsdeck:9090' } }));
  });

  it('writes a new token only to secureJsonData', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings()} onOptionsChange={onOptionsChange} />);
    fireEvent.change(screen.getByTestId(testIds.configEditor.apiToken), { target: { value: 's3cret' } });
    const next = onOptionsChange.mock.calls[0][0];
    expect(next.secureJsonData).toEqual({ apiToken: 's3cret' });
    expect(JSON.stringify(next.jsonData)).not.toContain('s3cret');
  });

  it('shows a stored token as configured and clears it on reset', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings({ secureJsonFields: { apiToken: true } })} onOptionsChange={onOptionsChange} />);
    expect(screen.getByDisplayValue('configured')).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onOptionsChange).toHaveBeenCalledWith(
      expect.objectContaining({ secureJsonFields: { apiToken: false }, secureJsonData: { apiToken: '' } })
    );
  });

  it('explains what to enter', () => {
    render(<ConfigEditor options={settings()} onOptionsChange={jest.fn()} />);
    expect(screen.getByTestId(testIds.configEditor.help)).toHaveTextContent(/OPSDECK_API_TOKEN/);
  });
});
