/**
 * Changing process.env in a test and putting it back. Unsetting a variable takes `delete`: assigning undefined to a
 * process.env entry stores the string "undefined".
 */

function unsetEnv(name: string): void {
  // process.env is the process environment, not a record of ours that could be a Map: delete is how a variable is unset.
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- unsetting an environment variable (see above)
  delete process.env[name];
}

/** Sets each variable to its value, or unsets it where the value is undefined (as saved from a variable that was not set). */
export function applyEnv(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) unsetEnv(name);
    else process.env[name] = value;
  }
}

/** Puts back a whole environment saved with `{ ...process.env }`: unsets the variables added since, restores the rest. */
export function restoreWholeEnv(saved: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) if (!(name in saved)) unsetEnv(name);
  applyEnv(saved);
}
