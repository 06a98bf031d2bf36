// The default shader is compiled as the stage starts: the first frame draws with it without compiling it or reading a
// shader's status, and a program that does not link is still reported and compiled again, after that frame.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
// @ts-expect-error: core ships no types for its WebGL files; this is the class the stage makes
import WebGLShaderProgram from '../../node_modules/@lightningjs/core/dist/src/renderer/webgl/WebGLShaderProgram.mjs'
import { compileDefaultShader } from '../../src/sdk'

let idleQueue: (() => void)[] = []

beforeEach(() => {
  idleQueue = []
  vi.stubGlobal('window', { requestIdleCallback: (cb: () => void) => idleQueue.push(cb) })
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** A WebGL context that records the calls made on it; `links` is what LINK_STATUS reads. */
function recordingGl(links: boolean) {
  const calls: string[] = []
  const made = { vertex: { shader: 'vertex' }, fragment: { shader: 'fragment' }, program: { program: 'linked' } }
  const record = (name: string) => (...args: unknown[]) => void calls.push(name === 'shaderSource' ? `${name}:${String(args[1])}` : name)
  const gl: Record<string, unknown> = {
    VERTEX_SHADER: 1,
    FRAGMENT_SHADER: 2,
    LINK_STATUS: 3,
    createShader: (type: number) => (calls.push('createShader'), type === 1 ? made.vertex : made.fragment),
    createProgram: () => (calls.push('createProgram'), made.program),
    getProgramParameter: () => (calls.push('getProgramParameter'), links),
    getShaderParameter: () => (calls.push('getShaderParameter'), true),
    isContextLost: () => false,
    getError: () => 0,
    getProgramInfoLog: () => '',
    getShaderInfoLog: () => '',
  }
  for (const name of ['shaderSource', 'compileShader', 'attachShader', 'linkProgram', 'deleteShader', 'deleteProgram']) gl[name] = record(name)
  return { gl, calls, made }
}

/** A Lightning stage as far as compileDefaultShader reads it, with core's real shader program and a frame to end. */
function stageWith(gl: unknown) {
  const program = new WebGLShaderProgram('VS', 'FS') as unknown as { _program: unknown; gl: unknown; compile(gl: unknown): void }
  const shader = { initialized: false, _program: program }
  const listeners = new Set<() => void>()
  const stage = {
    gl,
    ctx: { renderState: { defaultShader: shader } },
    on: (_: string, f: () => void) => listeners.add(f),
    off: (_: string, f: () => void) => listeners.delete(f),
  }
  const endFrame = (drewWithShader: boolean) => {
    if (drewWithShader) shader.initialized = true
    for (const f of [...listeners]) f()
  }
  return { stage: stage as never, program, endFrame, listeners }
}

describe('the default shader', () => {
  it('When the stage starts, then it is compiled and linked, and the first draw neither compiles it again nor reads a status', () => {
    const { gl, calls, made } = recordingGl(true)
    const { stage, program } = stageWith(gl)
    compileDefaultShader(stage)
    expect(calls).toEqual(['createShader', 'createShader', 'createProgram', 'shaderSource:VS', 'compileShader', 'shaderSource:FS', 'compileShader', 'attachShader', 'attachShader', 'linkProgram'])
    // Lightning's own compile, as the first draw calls it: it finds the program and returns.
    program.compile(gl)
    expect(calls).toHaveLength(10)
    expect(program._program).toBe(made.program)
    expect(program.gl).toBe(gl)
  })

  it('When frames end, then the link is read only in idle time after the first frame that drew with the shader', () => {
    const { gl, calls } = recordingGl(true)
    const { stage, endFrame, listeners } = stageWith(gl)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    compileDefaultShader(stage)
    endFrame(false) // the fonts are loading: nothing drawn yet
    expect(idleQueue).toHaveLength(0)
    endFrame(true)
    expect(listeners.size).toBe(0)
    expect(calls).not.toContain('getProgramParameter')
    idleQueue.shift()?.()
    expect(calls.slice(10)).toEqual(['getProgramParameter', 'deleteShader', 'deleteShader'])
    expect(calls).not.toContain('getShaderParameter')
    expect(error).not.toHaveBeenCalled()
  })

  it('When the program does not link, then the log says so and Lightning compiles it again, reporting what it finds', () => {
    const { gl, calls, made } = recordingGl(false)
    const { stage, program, endFrame } = stageWith(gl)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    compileDefaultShader(stage)
    endFrame(true)
    expect(error).not.toHaveBeenCalled()
    idleQueue.shift()?.()
    expect(error.mock.calls[0]?.[0]).toContain('the default shader did not link')
    expect(calls).toContain('deleteProgram')
    // Lightning's compile ran: it read the shaders' status (our fake says they compiled) and its link failed again.
    expect(calls.filter((c) => c === 'getShaderParameter')).toHaveLength(2)
    expect(error.mock.calls.some((args) => String(args[0]).includes('[Lightning]'))).toBe(true)
    expect(program._program).not.toBe(made.program)
  })

  it('When Lightning has already compiled the program, then it is left as it is', () => {
    const { gl, calls } = recordingGl(true)
    const { stage, program, listeners } = stageWith(gl)
    const own = { lightnings: true }
    program._program = own
    compileDefaultShader(stage)
    expect(calls).toEqual([])
    expect(program._program).toBe(own)
    expect(listeners.size).toBe(0)
  })
})
