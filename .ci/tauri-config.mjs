// Validates the Tauri configuration as each platform's build sees it: tauri.conf.json with
// tauri.<platform>.conf.json merged over it (a JSON merge patch, RFC 7396, as the Tauri CLI
// does), against the schema the pinned CLI ships; then what the schema cannot say: the
// installers each platform makes, a version number MSI accepts (and the same in Cargo.toml),
// icons that exist, and the Linux packages' dependencies on libc and on the libcrypto SQLCipher
// links, their copyright file and changelog.
// Run: node .ci/tauri-config.mjs
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const read = (file) => JSON.parse(readFileSync(join(root, file), "utf8"));

/** RFC 7396: objects merge key by key, null deletes, anything else (arrays too) replaces. */
export function mergePatch(target, patch) {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out = target && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Why MSI refuses `version`, or null: major.minor.patch, at most 255.255.65535, no label. */
export function msiVersionProblem(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version ?? "");
  if (!m) return `"${version}" is not major.minor.patch with numbers only (MSI takes no labels)`;
  const [major, minor, patch] = m.slice(1).map(Number);
  if (major > 255 || minor > 255 || patch > 65535)
    return `"${version}" is past MSI's limits (255.255.65535)`;
  return null;
}

const platforms = {
  linux: { file: "tauri.linux.conf.json", targets: ["deb", "rpm", "appimage"] },
  windows: { file: "tauri.windows.conf.json", targets: ["msi", "nsis"] },
  macos: { file: "tauri.macos.conf.json", targets: ["app", "dmg"] },
};

/** What the Linux packages need that the schema cannot say (.ci/linux-packages.sh checks the built ones). */
function linuxPackageProblems(config, version) {
  const problems = [];
  const { deb = {}, rpm = {} } = config.bundle?.linux ?? {};
  if (!(deb.depends ?? []).some((d) => /\blibssl3\b/.test(d)))
    problems.push("Linux: the .deb must depend on libssl3: SQLCipher links the system's libcrypto.so.3");
  if (!(deb.depends ?? []).some((d) => /^libc6 \(>= [\d.]+\)$/.test(d)))
    problems.push("Linux: the .deb must depend on libc6 (>= version): lintian's missing-dependency-on-libc");
  if (!(rpm.depends ?? []).includes("libcrypto.so.3()(64bit)"))
    problems.push("Linux: the .rpm must require libcrypto.so.3()(64bit): SQLCipher links it");
  // The Debian changelog's latest entry is this version of the package named allies.
  const changelog = readFileSync(join(root, "src-tauri/linux/changelog"), "utf8");
  const top = /^(\S+) \(([^)]+)\)/.exec(changelog);
  if (top?.[1] !== "allies" || top?.[2] !== version)
    problems.push(`Linux: src-tauri/linux/changelog must start with "allies (${version})", not "${changelog.split("\n")[0]}"`);
  // Files the packages take from the repository exist; changelog.gz is made before bundling.
  for (const [name, files] of [["deb", deb.files], ["rpm", rpm.files]]) {
    for (const [to, from] of Object.entries(files ?? {})) {
      if (from.startsWith("target/package-docs/")) {
        if (!/linux-package-docs\.sh/.test(config.build?.beforeBundleCommand ?? ""))
          problems.push(`Linux: ${name} takes ${from}, which scripts/linux-package-docs.sh makes, but build.beforeBundleCommand does not run it`);
      } else if (!existsSync(join(root, from))) problems.push(`Linux: ${name}'s ${to} comes from ${from}, which is missing`);
    }
    for (const doc of ["copyright", "changelog.gz"])
      if (!Object.keys(files ?? {}).some((to) => to.endsWith(`/allies/${doc}`)))
        problems.push(`Linux: the ${name} has no ${doc} under /usr/share/(doc|licenses)/allies/`);
  }
  return problems;
}

function check() {
  const problems = [];
  const schema = read("node_modules/@tauri-apps/cli/config.schema.json");
  // The schema's patterns are written for Rust's regex (`\:` in a class), which JavaScript's
  // unicode mode refuses; without the `u` flag they mean the same here.
  const regExp = (source, flags) => new RegExp(source, flags.replace("u", ""));
  regExp.code = "((s, f) => new RegExp(s, f.replace('u', '')))";
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, code: { regExp } });
  const validate = ajv.compile(schema);
  const base = read("tauri.conf.json");
  for (const [name, { file, targets }] of Object.entries(platforms)) {
    const config = file ? mergePatch(base, read(file)) : base;
    if (!validate(config)) {
      for (const e of validate.errors)
        problems.push(`${name}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    }
    const made = config.bundle?.targets;
    if (JSON.stringify(made) !== JSON.stringify(targets))
      problems.push(`${name}: bundles ${JSON.stringify(made)}, expected ${JSON.stringify(targets)}`);
    for (const icon of config.bundle?.icon ?? [])
      if (!existsSync(join(root, icon))) problems.push(`${name}: icon ${icon} is missing`);
  }
  const icons = base.bundle?.icon ?? [];
  for (const ext of [".png", ".ico", ".icns"])
    if (!icons.some((i) => i.endsWith(ext)))
      problems.push(`bundle.icon has no ${ext} (Windows needs .ico, macOS .icns, Linux .png)`);
  // Linux builds the first PNG into the binary, decoded, as the window's and the tray's icon:
  // 1024 pixels square would be 4 MiB of pixels to map, send to the display and re-encode for
  // the tray at every start.
  if (!icons[0]?.endsWith("128x128.png"))
    problems.push("bundle.icon must start with 128x128.png: Linux takes the first PNG as the window's icon");
  const versionProblem = msiVersionProblem(base.version);
  if (versionProblem) problems.push(`version: ${versionProblem}`);
  const cargoVersion = /^\[package\][^[]*?^version = "([^"]*)"/m.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))?.[1];
  if (cargoVersion !== base.version)
    problems.push(`version: tauri.conf.json says ${base.version}, Cargo.toml's package ${cargoVersion} (allies --version)`);
  problems.push(...linuxPackageProblems(mergePatch(base, read("tauri.linux.conf.json")), base.version));
  const webview = mergePatch(base, read("tauri.windows.conf.json")).bundle?.windows?.webviewInstallMode;
  if (webview?.type !== "offlineInstaller")
    problems.push("Windows: WebView2 must install offline (webviewInstallMode offlineInstaller): a work laptop may have no internet");
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = check();
  if (problems.length) {
    console.error(`Tauri configuration check FAILED (.ci/tauri-config.mjs):\n- ${problems.join("\n- ")}`);
    process.exit(1);
  }
  console.log("Tauri configuration: valid for Linux (deb, rpm, AppImage; copyright, changelog, libc), Windows (msi, nsis; WebView2 offline) and macOS (app, dmg); version MSI accepts; icons present.");
}
