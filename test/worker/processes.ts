/** Child `dyadwatch` processes for the worker tests: spawned, their stderr kept, their exit awaited. */
import { type ChildProcess, spawn } from 'node:child_process';

export interface Child {
  process: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startChild(main: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, [main, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { process: child, output: () => output, exited };
}

/** Runs a command to its end and returns its exit code and output. */
export async function runChild(
  main: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = startChild(main, args, env);
  const { code } = await child.exited;
  return { code, output: child.output() };
}

/** Polls `check` every `everyMs` until it returns true, or throws after `timeoutMs` with `what` in the message. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
