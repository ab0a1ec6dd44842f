#!/usr/bin/env node
// Copies the files the pages use from npm into web/vendor/, at the versions pinned in
// web/vendor.json, and records each package's version, registry integrity and license
// and each file's sha256 in web/vendor/manifest.json.
//
//   node web/vendor.mjs          fetch, verify and write web/vendor/
//   node web/vendor.mjs --check  fetch and verify, then fail if web/vendor/ differs
//
// Each tarball comes from the npm registry through `npm pack`; its sha512 must equal the
// dist.integrity that `npm view` reports for that version, so a file is taken only from
// the exact published package. Needs node, npm and tar; the server needs none of them.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const webDir = path.dirname(fileURLToPath(import.meta.url));
const vendorDir = path.join(webDir, "vendor");
const check = process.argv.includes("--check");
const pins = JSON.parse(fs.readFileSync(path.join(webDir, "vendor.json"), "utf8"));

const npm = (...args) => execFileSync("npm", args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const sha = (alg, buf, enc) => createHash(alg).update(buf).digest(enc);

// A vendored file's path inside web/vendor/: the package name, then its path in the package.
const target = (name, file) => path.join(name, file);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "parkgraph-vendor-"));
const manifest = { comment: "Written by web/vendor.mjs from web/vendor.json; do not edit.", packages: [] };
const files = new Map(); // path under web/vendor -> contents
try {
  for (const p of pins.packages) {
    const spec = `${p.name}@${p.version}`;
    if (!/^\d+\.\d+\.\d+$/.test(p.version)) throw new Error(`${spec}: pin an exact version`);
    const want = npm("view", spec, "dist.integrity").trim();
    const [packed] = JSON.parse(npm("pack", spec, "--json", "--silent", "--pack-destination", tmp));
    const tgz = fs.readFileSync(path.join(tmp, packed.filename));
    const got = "sha512-" + sha("sha512", tgz, "base64");
    if (got !== want || packed.integrity !== want) {
      throw new Error(`${spec}: tarball integrity ${got}, npm pack says ${packed.integrity}, the registry says ${want}`);
    }
    const dir = path.join(tmp, packed.filename.replace(/\.tgz$/, ""));
    fs.mkdirSync(dir);
    execFileSync("tar", ["-xzf", path.join(tmp, packed.filename), "-C", dir]);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package", "package.json"), "utf8"));
    if (pkg.name !== p.name || pkg.version !== p.version) throw new Error(`${spec}: tarball holds ${pkg.name}@${pkg.version}`);
    const entry = { name: p.name, version: p.version, integrity: want, license: pkg.license, files: [] };
    for (const f of p.files) {
      const body = fs.readFileSync(path.join(dir, "package", f));
      files.set(target(p.name, f), body);
      entry.files.push({ path: target(p.name, f).split(path.sep).join("/"), size: body.length, sha256: sha("sha256", body, "hex") });
    }
    manifest.packages.push(entry);
    console.log(`${spec}  ${want}  ${entry.files.length} files`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const manifestText = JSON.stringify(manifest, null, 2) + "\n";

if (check) {
  const problems = [];
  for (const [rel, body] of files) {
    const p = path.join(vendorDir, rel);
    if (!fs.existsSync(p) || !fs.readFileSync(p).equals(body)) problems.push(`${rel} differs from npm`);
  }
  const m = path.join(vendorDir, "manifest.json");
  if (!fs.existsSync(m) || fs.readFileSync(m, "utf8") !== manifestText) problems.push("manifest.json differs");
  if (problems.length) {
    console.error(problems.join("\n") + "\nrun node web/vendor.mjs and commit web/vendor/");
    process.exit(1);
  }
  console.log("web/vendor/ matches npm");
} else {
  fs.rmSync(vendorDir, { recursive: true, force: true });
  for (const [rel, body] of files) {
    fs.mkdirSync(path.dirname(path.join(vendorDir, rel)), { recursive: true });
    fs.writeFileSync(path.join(vendorDir, rel), body);
  }
  fs.writeFileSync(path.join(vendorDir, "manifest.json"), manifestText);
  console.log(`wrote ${files.size} files and manifest.json to web/vendor/`);
}
