/** Shows a user's value inside a message: in backticks, shortened so one bad value cannot flood the output. */
export function quote(value: string, max = 60): string {
  const oneLine = value.replace(/\r?\n/g, '\\n');
  return `\`${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}\``;
}
