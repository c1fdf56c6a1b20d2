/**
 * Where this project keeps its suites: the composer of the product (the CLI, the library entry) names
 * it and hands it to the runner, which knows no registry of its own (`--suites` names another).
 */
import { moduleUrl } from '../harness/module-url.ts'

/** The module that lists the project's suites (`suites/index.ts`). */
export const DEFAULT_SUITES_MODULE: string = moduleUrl('../suites/index.ts', import.meta.url).href
