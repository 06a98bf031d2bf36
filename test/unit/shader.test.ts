// The default shader is compiled as the stage starts and checked in idle time: the first frame waits on the GPU for
// neither, and a shader that fails is still reported.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
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
  const gl = {
    VERTEX_SHADER: 1,
    FRAGMENT_SHADER: 2,
    LINK_STATUS: 3,
    createShader: (type: number) => ({ type }),
    createProgram: () => ({ program: true }),
    getProgramParameter: () => (calls.push('getProgramParameter'), links),
    getShaderParameter: () => (calls.push('getShaderParameter'), true),
    isContextLost: () => false,
    getProgramInfoLog: () => 'link failed: varying mismatch',
    getShaderInfoLog: () => '',
  } as Record<string, unknown>
  for (const name of ['shaderSource', 'compileShader', 'attachShader', 'linkProgram', 'deleteShader']) gl[name] = (...args: unknown[]) => void calls.push(`${name}${name === 'shaderSource' ? `:${String(args[1])}` : ''}`)
  return { gl, calls }
}

/** A Lightning stage as far as compileDefaultShader reads it: its context and the default shader's program. */
function stageWith(gl: unknown) {
  const program = { vertexShaderSource: 'VS', fragmentShaderSource: 'FS', gl: null as unknown, _program: null as unknown }
  const stage = { gl, ctx: { renderState: { defaultShader: { _program: program } } } }
  return { stage: stage as never, program }
}

describe('the default shader', () => {
  it('When the stage starts, then both shaders are compiled and linked at once, and no status is read until idle time', () => {
    const { gl, calls } = recordingGl(true)
    const { stage, program } = stageWith(gl)
    compileDefaultShader(stage)
    expect(calls).toEqual(['shaderSource:VS', 'compileShader', 'shaderSource:FS', 'compileShader', 'attachShader', 'attachShader', 'linkProgram'])
    // Lightning's compile returns at once when its program has one, so the first draw neither compiles nor waits.
    expect(program._program).toEqual({ program: true })
    expect(program.gl).toBe(gl)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(idleQueue).toHaveLength(1)
    idleQueue.shift()?.()
    expect(calls.slice(7)).toEqual(['getProgramParameter', 'deleteShader', 'deleteShader'])
    expect(error).not.toHaveBeenCalled()
  })

  it('When the program does not link, then the log says so with the reason, in idle time', () => {
    const { gl } = recordingGl(false)
    const { stage } = stageWith(gl)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    compileDefaultShader(stage)
    expect(error).not.toHaveBeenCalled()
    idleQueue.shift()?.()
    expect(error).toHaveBeenCalledOnce()
    expect(error.mock.calls[0]?.join(' ')).toContain('link failed: varying mismatch')
  })

  it('When Lightning has already compiled the program, then it is left as it is', () => {
    const { gl, calls } = recordingGl(true)
    const { stage, program } = stageWith(gl)
    program._program = { lightnings: true }
    compileDefaultShader(stage)
    expect(calls).toEqual([])
    expect(program._program).toEqual({ lightnings: true })
    expect(idleQueue).toHaveLength(0)
  })
})
