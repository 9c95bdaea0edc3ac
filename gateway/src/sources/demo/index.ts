export { DemoSource } from './DemoSource';
