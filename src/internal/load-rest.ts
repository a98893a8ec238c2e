/** Loads the REST adapter on demand: pages that keep comments in the browser never download it. */
export const loadRest = () => import('../adapters/rest.js');
