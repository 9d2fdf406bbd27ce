/**
 * What actions/upload-artifact and actions/download-artifact do, with the same library they use (@actions/artifact),
 * run by the workflow interpreter as a child process with the job's environment, so artifacts go through the GitHub
 * emulator's results service (ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN) exactly as on a runner.
 *
 *   node artifact-tool.ts upload NAME ROOT FILE...   prints {"id", "digest", "size"}
 *   node artifact-tool.ts download ID DIR            prints {"name", "digestMismatch"}; checks the recorded digest
 *
 * Self-contained (no relative imports), so Node runs it as it is.
 */
import { DefaultArtifactClient } from '@actions/artifact';

const [command, ...args] = process.argv.slice(2);
const client = new DefaultArtifactClient();

async function main(): Promise<void> {
  if (command === 'upload') {
    const [name, root, ...files] = args;
    const result = await client.uploadArtifact(name!, files, root!);
    console.log(JSON.stringify({ id: result.id, digest: result.digest, size: result.size }));
    return;
  }
  if (command === 'download') {
    const [id, dir] = args;
    const { artifacts } = await client.listArtifacts();
    const artifact = artifacts.find((a) => String(a.id) === id);
    if (!artifact) throw new Error(`no artifact with id ${id} in this run`);
    const result = await client.downloadArtifact(artifact.id, {
      path: dir!,
      ...(artifact.digest ? { expectedHash: artifact.digest } : {}),
    });
    console.log(JSON.stringify({ name: artifact.name, digestMismatch: result.digestMismatch === true }));
    return;
  }
  throw new Error(`expected upload or download, got ${String(command)}`);
}

main().catch((e: unknown) => {
  console.error(`artifact-tool: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
