/** What the harness quotes of a started process (the crash's error line) and each case's output window. */
import { describe, expect, test } from 'vitest'
import { isLoopbackHost } from '../../cli/loopback.ts'
import { OutputLog, outputExcerpt } from '../../harness/targets/output-log.ts'

const nodeCrash = `listening soon
file:///srv/app/config.mjs:12
  throw new Error('missing config: PAY_TO is required')
  ^

Error: missing config: PAY_TO is required
    at loadConfig (file:///srv/app/config.mjs:12:9)
    at file:///srv/app/server.mjs:3:1
    at ModuleJob.run (node:internal/modules/esm/module_job:343:25)

Node.js v24.21.0
`

describe('output excerpts', () => {
  test('a Node crash is quoted by its error line, not the source line, frames or trailer', () => {
    expect(outputExcerpt(nodeCrash)).toBe('Error: missing config: PAY_TO is required')
  })

  test('a port clash, a Python traceback, a coded Node error', () => {
    expect(
      outputExcerpt(
        "Error: listen EADDRINUSE: address already in use 127.0.0.1:4021\n    at Server.x (node:net:1:1)\n  code: 'EADDRINUSE',\n",
      ),
    ).toBe('Error: listen EADDRINUSE: address already in use 127.0.0.1:4021')
    expect(
      outputExcerpt('Traceback (most recent call last):\n  File "app.py", line 3\nValueError: bad PORT\n'),
    ).toBe('ValueError: bad PORT')
    expect(
      outputExcerpt('TypeError [ERR_INVALID_URL]: Invalid URL\n    at new URL (node:internal/url:1:1)\n'),
    ).toBe('TypeError [ERR_INVALID_URL]: Invalid URL')
  })

  test('without an error line: the last lines, stack frames left out', () => {
    expect(outputExcerpt('one\ntwo\nthree\nfour\n    at x (y.js:1:1)\n')).toBe('two | three | four')
    expect(outputExcerpt('sh: 1: no-such-binary: not found\n')).toBe('sh: 1: no-such-binary: not found')
  })

  test('a window holds what was written after its mark, also when older output was dropped', () => {
    const log = new OutputLog()
    log.append('before\n')
    const mark = log.mark()
    log.append('during\n')
    expect(log.since(mark)).toBe('during\n')
    log.append('x'.repeat(300 * 1024))
    expect(log.since(mark).startsWith('…')).toBe(true)
    expect(log.since(log.mark())).toBe('')
  })
})

test('loopback hosts: 127.0.0.0/8, localhost, [::1]; nothing else', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]'])
    expect(isLoopbackHost(host), host).toBe(true)
  for (const host of ['10.0.0.1', '0.0.0.0', 'example.com', '[::]', '128.0.0.1', 'localhost.example.com'])
    expect(isLoopbackHost(host), host).toBe(false)
})
