export interface ElementProp { name: string; attribute: string | null; primitive: boolean; boolean: boolean; typeText: string; description: string }
export interface ElementEvent { name: string; key: string; prop: string; emit: string; type: string | null; typeText: string | null; description: string }
export interface ElementModel {
  tag: string;
  name: string;
  className: string;
  folder: string;
  defineImport: string;
  classImport: string | null;
  summary: string;
  description: string;
  props: ElementProp[];
  events: ElementEvent[];
  slots: { name: string; description: string }[];
  cssParts: { name: string; description: string }[];
}
export declare const GENERATED_BY: string;
export declare const HEADER: string;
export declare function componentName(tag: string): string;
export declare function eventKey(name: string): string;
export declare function packedSpec(element: ElementModel): string;
export declare function readElements(manifest: unknown, options?: { warn?: (message: string) => void }): ElementModel[];
