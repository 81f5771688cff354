import { expect } from "vitest";

/**
 * Vitest's asymmetric matchers (expect.any, expect.stringContaining, …) are typed `any` so that they fit any slot of an
 * expected value, which typescript-eslint's no-unsafe-assignment rightly reports wherever one is put into an object
 * literal. These are the same matchers typed `unknown`: they fit the same slots of toEqual / toMatchObject, and no `any`
 * leaks. Use them inside expected objects; a matcher passed directly (`toEqual(expect.any(String))`) needs nothing.
 */
export const asymmetric = {
  any: (constructor: unknown): unknown => expect.any(constructor),
  stringContaining: (expected: string): unknown => expect.stringContaining(expected),
  stringMatching: (expected: string | RegExp): unknown => expect.stringMatching(expected),
  objectContaining: (expected: Record<string, unknown>): unknown => expect.objectContaining(expected),
};
