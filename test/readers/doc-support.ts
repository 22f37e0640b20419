import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * A password-protected Word 97 file made by LibreOffice itself: `--convert-to` cannot set a
 * password, so a Basic macro in a throwaway profile stores the document with one.
 */
export function encryptedDocWithLibreOffice(soffice: string, docx: Uint8Array): Uint8Array | null {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-test-lo-"));
  try {
    const profile = pathToFileURL(join(dir, "profile")).href;
    const run = (args: string[]) =>
      spawnSync(soffice, ["--headless", "--norestore", "--nologo", `-env:UserInstallation=${profile}`, ...args], {
        timeout: 120_000,
        env: { ...process.env, HOME: dir, TMPDIR: dir },
      });
    // The first start writes a default profile (it would overwrite a module put there before).
    run(["--terminate_after_init"]);
    const basic = join(dir, "profile", "user", "basic", "Standard");
    writeFileSync(
      join(basic, "Module1.xba"),
      `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Enc(src As String, dst As String)
  Dim a(0) As New com.sun.star.beans.PropertyValue
  a(0).Name = &quot;Hidden&quot; : a(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, a())
  Dim b(1) As New com.sun.star.beans.PropertyValue
  b(0).Name = &quot;FilterName&quot; : b(0).Value = &quot;MS Word 97&quot;
  b(1).Name = &quot;Password&quot; : b(1).Value = &quot;nianbao&quot;
  doc.storeToURL(ConvertToURL(dst), b())
  doc.close(True)
End Sub
</script:module>
`,
    );
    const src = join(dir, "in.docx");
    const dst = join(dir, "out.doc");
    writeFileSync(src, docx);
    run([`macro:///Standard.Module1.Enc("${src}","${dst}")`]);
    return new Uint8Array(readFileSync(dst));
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
