/** The workflow definition language: types, expression AST, parser, printer and function catalogue. */
export * from "./definition";
export * from "./expression/ast";
export * from "./expression/parser";
export * from "./expression/printer";
export * from "./expression/references";
export * from "./functions";
export * from "./pointer";
export * from "./walk";
export * from "./parameters";
