import { createDataFrame, CustomVariableSupport, type DataQueryRequest, type DataQueryResponse, FieldType } from '@grafana/data';
import { from, type Observable } from 'rxjs';
import { map } from 'rxjs/operators';
import { type GatewayClient } from '@/api';
import { type OpsdeckVariableQuery, type ServicesResponse, type VariableKind } from '@opsdeck/contract';
import { type DataSource } from './datasource';
import { ALL_VALUES, interpolateValue, type TemplateSrvLike } from './interpolate';
import { VariableQueryEditor } from './components/VariableQueryEditor';

interface VariableValue {
  text: string;
  value: string;
}

/** The values a variable of the given kind offers, from the service catalog. */
export function variableValues(catalog: ServicesResponse, kind: VariableKind, teamFilter?: string): VariableValue[] {
  switch (kind) {
    case 'team':
      return catalog.teams.map((team) => ({ text: team, value: team }));
    case 'region':
      return catalog.regions.map((region) => ({ text: region, value: region }));
    case 'service': {
      const teams = teamFilter && teamFilter !== ALL_VALUES ? new Set(teamFilter.split(',')) : undefined;
      return catalog.services
        .filter((s) => !teams || teams.has(s.team))
        .map((s) => ({ text: s.displayName ? `${s.displayName} (${s.name})` : s.name, value: s.name }));
    }
  }
}

/** Dashboard variables (service / team / region) fed by GET /api/services, with a query editor of their own. */
export class OpsdeckVariableSupport extends CustomVariableSupport<DataSource, OpsdeckVariableQuery> {
  editor = VariableQueryEditor;

  constructor(
    private readonly client: GatewayClient,
    private readonly templateSrv: TemplateSrvLike
  ) {
    super();
  }

  query(request: DataQueryRequest<OpsdeckVariableQuery>): Observable<DataQueryResponse> {
    const query = request.targets[0];
    const kind: VariableKind = query?.kind ?? 'service';
    const team = interpolateValue(this.templateSrv, query?.team, request.scopedVars);
    return from(this.client.services()).pipe(
      map((catalog) => {
        const values = variableValues(catalog, kind, team);
        const frame = createDataFrame({
          refId: query?.refId,
          fields: [
            { name: 'text', type: FieldType.string, values: values.map((v) => v.text) },
            { name: 'value', type: FieldType.string, values: values.map((v) => v.value) },
          ],
        });
        return { data: [frame] };
      })
    );
  }
}
