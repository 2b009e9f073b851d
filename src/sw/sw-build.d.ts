// Filled in by the build (the minibatch-lab-sw plugin in vite.config.ts): the paths to precache.
declare const __SW_PRECACHE__: string[];
