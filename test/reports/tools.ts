/**
 * The programs the report tests check with, all from npm so a fresh clone needs nothing else: Chromium
 * (`@sparticuz/chromium`, driven by playwright-core) for report.html and xmllint compiled to
 * WebAssembly (`xmllint-wasm`) for junit.xml. A tool that cannot run fails the test with its own error;
 * it never turns into a pass or a skip.
 */
import sparticuz from '@sparticuz/chromium'
import { type Browser, chromium } from 'playwright-core'
import { validateXML } from 'xmllint-wasm'

/**
 * Flags on top of the package's own (`--single-process`, `--no-sandbox`, headless shell, …): nothing in
 * the background may reach for the network, so the page's own requests are the only ones there are.
 */
const OFFLINE_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-sync',
  '--metrics-recording-only',
  '--no-first-run',
  '--no-service-autorun',
  '--disable-gpu',
]

/**
 * Unpacks the Chromium in `@sparticuz/chromium` (once per machine, into the temp dir; about 1.5 s) and
 * launches it headless. WebGL is not needed, so the graphics stack stays off.
 */
export async function launchChromium(): Promise<Browser> {
  sparticuz.setGraphicsMode = false
  const executablePath = await sparticuz.executablePath()
  return chromium.launch({
    executablePath,
    args: [...sparticuz.args, ...OFFLINE_ARGS],
    headless: true,
  })
}

/** The outcome of an XSD validation: `valid`, or what xmllint said was wrong. */
export async function validateXsd(xml: string, xsd: string): Promise<'valid' | string> {
  const result = await validateXML({
    xml: { fileName: 'junit.xml', contents: xml },
    schema: { fileName: 'junit.xsd', contents: xsd },
  })
  if (result.valid) return 'valid'
  // A rejection must say why: an empty message would hide a broken run of the tool itself.
  if (result.rawOutput.trim() === '') throw new Error('xmllint rejected the document without saying why')
  return result.rawOutput.trim()
}

/**
 * Evaluates an XPath 1.0 expression over `xml` with xmllint (`--xpath`) and returns what xmllint
 * prints, trimmed. An expression xmllint cannot evaluate (or an empty node set) throws.
 */
export async function xpath(xml: string, expression: string): Promise<string> {
  try {
    const result = await validateXML({
      xml: { fileName: 'junit.xml', contents: xml },
      // `normalization` makes the wrapper return xmllint's stdout; the flag itself is swapped for --xpath.
      normalization: 'format',
      modifyArguments: (args) => ['--xpath', expression, ...args.filter((arg) => arg !== '--format')],
    })
    return result.normalized.trim()
  } catch (error) {
    throw new Error(`xpath ${expression} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
