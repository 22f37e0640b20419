import { createHash } from "node:crypto";
import { readdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * LibreOffice's single-instance socket. Every run makes one in /tmp (or /var/tmp) whatever
 * TMPDIR says, named after its user profile; a run that is killed (a hang, a crash, Ctrl-C)
 * leaves it behind. Its name is `OSL_PIPE_<uid>_SingleOfficeIPC_<md5>`, the MD5 of the
 * profile's URL in UTF-16, each byte in hex without its leading zero (as LibreOffice writes it).
 */
export function officePipes(profile: string): string[] {
  const url = pathToFileURL(profile).href;
  const digest = createHash("md5").update(Buffer.from(url, "utf16le")).digest();
  let hash = "";
  for (const b of digest) hash += b.toString(16);
  const uid = typeof process.getuid === "function" ? process.getuid() : 0;
  const name = `OSL_PIPE_${uid}_SingleOfficeIPC_${hash}`;
  return ["/tmp", "/var/tmp"].map((dir) => join(dir, name));
}

/** Removes the socket a run with this profile may have left. Synchronous: exit handlers call it. */
export function removeOfficePipes(profile: string): void {
  for (const p of officePipes(profile)) {
    try {
      unlinkSync(p);
    } catch {
      // none there
    }
  }
}

/** Removes the sockets of every conversion folder (`<folder>/profile`) under `root`. */
export function removeOfficePipesUnder(root: string): void {
  let folders: string[];
  try {
    folders = readdirSync(root);
  } catch {
    return;
  }
  for (const f of folders) removeOfficePipes(join(root, f, "profile"));
}
