import { DataSourcePlugin } from '@grafana/data';
import { type OpsdeckQuery } from '@opsdeck/contract';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { DataSource } from './datasource';
import { type OpsdeckOptions, type OpsdeckSecureOptions } from './types';

export const plugin = new DataSourcePlugin<DataSource, OpsdeckQuery, OpsdeckOptions, OpsdeckSecureOptions>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
