// Dockerfiles read with dockerfile-ast (the parser behind VS Code's Docker
// support) into stages of plain instructions, for the invariant tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, Env, ModifiableInstruction } from 'dockerfile-ast';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface DockerInstruction {
  keyword: string;
  /** The arguments as written, continuation lines joined. */
  args: string;
  flags: Record<string, string | null>;
  /** ENV only: name → value. */
  env: Record<string, string>;
  line: number;
}

export interface DockerStage {
  name: string | null;
  image: string;
  instructions: DockerInstruction[];
}

export interface ParsedDockerfile {
  /** ARGs before the first FROM, with their defaults. */
  globalArgs: Record<string, string | null>;
  stages: DockerStage[];
}

export function readDockerfile(relativePath: string): ParsedDockerfile {
  const text = readFileSync(path.join(REPO_ROOT, relativePath), 'utf8');
  const dockerfile = DockerfileParser.parse(text);
  const globalArgs: Record<string, string | null> = {};
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property) globalArgs[property.getName()] = property.getValue();
  }
  const stages: DockerStage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const line = instruction.getRange().start.line + 1;
    if (keyword === 'FROM') {
      const words = (instruction.getArgumentsContent() ?? '').split(/\s+/);
      const as = words.findIndex((w) => w.toUpperCase() === 'AS');
      stages.push({
        image: words[0] ?? '',
        name: as >= 0 ? (words[as + 1] ?? null) : null,
        instructions: [],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue;
    const flags: Record<string, string | null> = {};
    if (instruction instanceof ModifiableInstruction) {
      for (const flag of instruction.getFlags()) flags[flag.getName()] = flag.getValue();
    }
    const env: Record<string, string> = {};
    if (instruction instanceof Env) {
      for (const property of instruction.getProperties()) {
        env[property.getName()] = property.getValue() ?? '';
      }
    }
    stage.instructions.push({
      keyword,
      args: (instruction.getArgumentsContent() ?? '').replace(/\\\n\s*/g, ' '),
      flags,
      env,
      line,
    });
  }
  return { globalArgs, stages };
}
