/** A benchmark's numeric command-line options (`--payments 200`). */

/** The positive integer after `--<name>` on the command line, else `fallback`. */
export function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index === -1 ? undefined : Number(process.argv[index + 1])
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback
}
