import { ref } from 'vue';

/** What the elements announced, for the page to list (shared: the announcing component may be gone). */
export const events = ref<string[]>([]);
