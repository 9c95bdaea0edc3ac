import { lastValueFrom } from 'rxjs';
import { toDataFrame } from '@/api';
import { type DataFrameJSON } from '@opsdeck/contract';
import { framesToAnnotations, opsdeckAnnotations } from './annotations';

const eventsFrame: DataFrameJSON = {
  schema: {
    name: 'events',
    fields: [
      { name: 'time', type: 'time' },
      { name: 'timeEnd', type: 'time' },
      { name: 'kind', type: 'string' },
      { name: 'service', type: 'string' },
      { name: 'title', type: 'string' },
      { name: 'text', type: 'string' },
      { name: 'tags', type: 'other' },
    ],
  },
  data: {
    values: [
      [1_000, 5_000],
      [null, 9_000],
      ['deployment', 'incident'],
      ['checkout-api', 'inventory-api'],
      ['Deploy checkout-api v42', 'Incident: inventory-api latency'],
      ['by alice', 'SEV2, resolved'],
      [['deployment', 'checkout-api'], ['incident', 'inventory-api']],
    ],
  },
};

describe('annotations', () => {
  it('map the events frame columns to annotation events', () => {
    expect(framesToAnnotations([toDataFrame(eventsFrame)])).toEqual([
      { time: 1_000, timeEnd: undefined, isRegion: false, title: 'Deploy checkout-api v42', text: 'by alice', tags: ['deployment', 'checkout-api'] },
      { time: 5_000, timeEnd: 9_000, isRegion: true, title: 'Incident: inventory-api latency', text: 'SEV2, resolved', tags: ['incident', 'inventory-api'] },
    ]);
  });

  it('accept comma-separated tags and skip frames without a time column', () => {
    const frame = toDataFrame({
      schema: { fields: [{ name: 'time', type: 'time' }, { name: 'tags', type: 'string' }] },
      data: { values: [[7], ['a, b']] },
    });
    const noTime = toDataFrame({ schema: { fields: [{ name: 'title', type: 'string' }] }, data: { values: [['x']] } });
    expect(framesToAnnotations([frame, noTime])).toEqual([{ time: 7, timeEnd: undefined, isRegion: false, title: undefined, text: undefined, tags: ['a', 'b'] }]);
  });

  it('always run an events query, every kind unless narrowed', () => {
    const prepare = opsdeckAnnotations.prepareQuery!;
    expect(prepare({ name: 'Deploys', enable: true, iconColor: 'blue', target: { refId: 'Anno', queryType: 'fleet_health', service: '$service' } })).toEqual({
      refId: 'Anno',
      queryType: 'events',
      service: '$service',
      eventKinds: ['deployment', 'incident'],
    });
    expect(prepare({ name: 'Deploys', enable: true, iconColor: 'blue', target: { refId: '', queryType: 'events', eventKinds: ['deployment'] } })).toEqual({
      refId: 'Anno',
      queryType: 'events',
      eventKinds: ['deployment'],
    });
  });

  it('process frames through processEvents', async () => {
    const events = await lastValueFrom(opsdeckAnnotations.processEvents!({ name: 'x', enable: true, iconColor: 'red' }, [toDataFrame(eventsFrame)]));
    expect(events?.map((e) => e.title)).toEqual(['Deploy checkout-api v42', 'Incident: inventory-api latency']);
  });
});
