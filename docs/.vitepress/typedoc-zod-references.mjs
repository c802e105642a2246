// A typedoc plugin: a parameter, return type or property written as a zod-inferred type
// (`invoice: Invoice`, where `type Invoice = z.infer<typeof InvoiceSchema>`) links to that type.
// typedoc converts these from the checker's type, in which TypeScript keeps no trace of the
// alias, so every use would otherwise repeat the whole object inline. Only types written with
// such an alias are converted again, from what the source says (the inline copy is removed).
import { Converter, ReflectionKind, TypeScript as ts } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_SIGNATURE, (context, signature, declaration) => {
    if (!declaration || !('parameters' in declaration)) return;
    const checker = context.checker;
    const signatureContext = context.withScope(signature);
    declaration.parameters.forEach((node, i) => {
      const parameter = signature.parameters?.[i];
      if (parameter && node.type && mentionsZodAlias(node.type, checker)) {
        context.project.removeTypeReflections(parameter.type);
        parameter.type = context.converter.convertType(signatureContext.withScope(parameter), node.type);
      }
    });
    if (declaration.type && mentionsZodAlias(declaration.type, checker)) {
      context.project.removeTypeReflections(signature.type);
      signature.type = context.converter.convertType(signatureContext, declaration.type);
    }
  });
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Property | ReflectionKind.Variable)) return;
    const declaration = context.getSymbolFromReflection(reflection)?.declarations?.[0];
    const node =
      declaration && (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration) || ts.isVariableDeclaration(declaration))
        ? declaration.type
        : undefined;
    if (node && mentionsZodAlias(node, context.checker)) {
      context.project.removeTypeReflections(reflection.type);
      reflection.type = context.converter.convertType(context.withScope(reflection), node);
    }
  });
}

/**
 * Whether a type as written refers to an alias declared as `z.infer<...>`, `z.input<...>` or
 * `z.output<...>`, in a plain composition: arrays, `readonly`, unions, generic arguments. Function
 * types and object literals are left as typedoc converts them.
 */
function mentionsZodAlias(node, checker) {
  let found = false;
  let plain = true;
  const visit = (child) => {
    if (found || !plain) return;
    if (ts.isFunctionTypeNode(child) || ts.isTypeLiteralNode(child) || ts.isConstructorTypeNode(child) || ts.isMappedTypeNode(child)) {
      plain = false;
      return;
    }
    if (ts.isTypeReferenceNode(child)) {
      let symbol = checker.getSymbolAtLocation(child.typeName);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const alias = symbol?.declarations?.find(ts.isTypeAliasDeclaration);
      if (alias && ts.isTypeReferenceNode(alias.type) && /^(?:z\.)?(?:infer|input|output)$/.test(alias.type.typeName.getText())) {
        found = true;
        return;
      }
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found && plain;
}
