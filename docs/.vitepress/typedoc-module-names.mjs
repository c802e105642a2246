// A typedoc plugin for the API reference of the workspace's packages, documented together as one
// TypeScript program:
// - each module is named after the specifier users import (`@dueflow/runtime/ports`) instead of
//   its path in the repository (`runtime/src/ports`);
// - typedoc's "referenced but not included in the documentation" check is applied to every
//   workspace package. typedoc runs it only for the types of the package the project is named
//   after (the private root package here), so without this a public signature could name an
//   unexported type and nobody would hear of it.
import { Application, Converter, ReflectionKind, makeRecursiveVisitor } from 'typedoc';
import { defaultModuleName, entryPoints } from './entry-points.mjs';

/** @param {import('typedoc').Application} app */
export function load(app) {
  const entries = entryPoints();
  const names = new Map(entries.map((entry) => [defaultModuleName(entry.file), entry.specifier]));
  const workspacePackages = new Set(
    entries.map((entry) =>
      entry.specifier
        .split('/')
        .slice(0, entry.specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    ),
  );

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const name = names.get(reflection.name);
    if (name) reflection.name = name;
  });

  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    if (!app.options.getValue('validation').notExported) return;
    const intentional = app.options.getValue('intentionallyNotExported');
    const warned = new Set();
    for (const { type, owner } of referenceTypes(project)) {
      if (type.reflection || type.externalUrl || type.isIntentionallyBroken()) continue;
      if (!type.package || !workspacePackages.has(type.package) || !type.symbolId) continue;
      const key = type.symbolId.getStableKey();
      const where = `${type.symbolId.packageName}/${type.symbolId.packagePath}`;
      if (warned.has(key) || intentional.some((name) => name === type.qualifiedName || name === `${where}:${type.qualifiedName}`)) continue;
      warned.add(key);
      app.logger.validationWarning(
        `${type.qualifiedName}, defined in ${where}, is referenced by ${owner.getFriendlyFullName()} but not included in the documentation`,
      );
    }
  });
}

/** Every reference type in the project's signatures and declarations, with the reflection it appears in. */
function* referenceTypes(project) {
  const found = [];
  let owner;
  const visitor = makeRecursiveVisitor({ reference: (type) => found.push({ type, owner }) });
  for (const reflection of Object.values(project.reflections)) {
    owner = reflection;
    // Inherited and implemented members are left out, as typedoc's own check does.
    for (const type of [reflection.type, reflection.default, reflection.overwrites, ...(reflection.implementedTypes ?? [])]) {
      type?.visit(visitor);
    }
  }
  yield* found;
}
