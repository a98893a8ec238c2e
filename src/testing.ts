/** Test helpers for developers writing their own storage adapter. */
export {runAdapterContract, type AdapterContractOptions} from './testing/adapter-contract.js';
