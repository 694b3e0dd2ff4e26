import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { isCustomElement } from '@janua/vue/config';

export default defineConfig({
  // Only needed for the raw <janua-…> tags in templates; <JanuaSignIn> & co. need nothing.
  plugins: [vue({ template: { compilerOptions: { isCustomElement } } })],
});
