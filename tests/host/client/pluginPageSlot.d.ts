// @grafana/runtime keeps setPluginPage off its public exports (Grafana core calls it). The host's esbuild build
// aliases this name to the runtime's own PluginPage module, so the plugins' PluginPage and this setter share state.
declare module 'host:plugin-page-slot' {
  import type { PluginPageType } from '@grafana/runtime';
  export function setPluginPage(component: PluginPageType): void;
}
