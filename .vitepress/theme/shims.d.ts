// Lets the type-checker accept `.vue` imports; the components are checked by the build.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}

// The theme's stylesheet is imported for its side effect; Vite bundles it.
declare module '*.css';
