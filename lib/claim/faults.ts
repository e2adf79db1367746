// Fault injection points for tests that simulate a crash between two writes. Nothing sets them
// outside tests; an unset point costs one property read.
export const faults: {
  beforeTakeUnit?: () => void;
  afterTakeUnit?: () => void;
  afterHoldEnded?: () => void;
  /** Between a checkout's order number and its confirm (lib/claim/checkout.ts). */
  beforeCheckoutConfirm?: (claimId: string) => void | Promise<void>;
  /** Between a payment known to have succeeded and its order's writes (lib/claim/paid.ts). */
  beforePaidOrder?: (claimId: string) => void | Promise<void>;
  /** Between an admin's refund gate and the unit's return (lib/claim/refund-order.ts). */
  afterRefundGate?: (claimId: string) => void | Promise<void>;
  /** Between the audit's snapshot and its writes (tests race a claim into that gap). */
  afterAuditSnapshot?: () => Promise<void>;
} = {};
