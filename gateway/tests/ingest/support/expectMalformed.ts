import { MalformedPayloadError } from '../../../src/upstream/parse/errors';

/** Asserts `run` throws a MalformedPayloadError that names `field`. */
export function expectMalformed(run: () => unknown, field: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(MalformedPayloadError);
  expect((thrown as MalformedPayloadError).field).toBe(field);
}
