export interface PythonResult {
  /** The exit status; -1 when the process could not start or was killed. */
  status: number;
  stdout: string;
  stderr: string;
}
export function findPython(): string | null;
export function findTorchPython(): string | null;
export function runPython(python: string, args: string[]): Promise<PythonResult>;
export function runPythonScripts(
  python: string,
  paths: string[],
): Promise<PythonResult & { scripts: { stdout: string; error: string | null }[] }>;
export function writeTempFiles(files: Record<string, string>): {
  dir: string;
  paths: string[];
  remove: () => void;
};
