import { runApprovalStoreContract } from './approval-store.contract.js'
import { MemoryApprovalStore } from './approval-store.js'

runApprovalStoreContract('MemoryApprovalStore', async () => ({
  store: new MemoryApprovalStore(),
  async close() {},
}))
