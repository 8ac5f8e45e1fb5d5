/**
 * cmd.exe's `set NAME="value"` keeps the quotes as part of the value (PowerShell's `$env:NAME = "value"`
 * and a shell's quotes are syntax): a Windows user's COURSEPACK_ variable then held `"https://…"`. Pure.
 */

/**
 * What is wrong with a variable whose value is in quotes, or undefined. A secret (the LRS key) is never
 * repeated: `secretShape` stands for it (`Basic …`); an address is shown without a `user:password@` in it.
 */
export function quotedVariableProblem(name: string, value: string, secretShape?: string): string | undefined {
  if (value.length < 2 || !/^(["'])[^]*\1$/.test(value)) return undefined;
  const inner = withoutUserinfo(value.slice(1, -1));
  const shown = secretShape ?? (inner.length > 40 ? `${inner.slice(0, 37)}...` : inner);
  return `${name} has quotes around its value (${value.charAt(0)}…${value.charAt(0)}), which are then part of it, as cmd.exe's \`set ${name}="…"\` keeps them: write \`set ${name}=${shown}\` without quotes`;
}

/** An address with any `user:password@` before its host shown as `…@`: a key in a URL is still a key. */
export function withoutUserinfo(address: string): string {
  return address.replace(/^([^:/?#]*:\/\/)[^/?#@]*@/, '$1…@');
}
