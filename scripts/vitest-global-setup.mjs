// Runs once in Vitest's main process before it starts the test processes, which inherit this
// environment: the WebGPU kernel tests get a Vulkan device through Dawn (see dawn-env.mjs).
import { dawnEnv } from './dawn-env.mjs';

export default function setup() {
  Object.assign(process.env, dawnEnv());
}
