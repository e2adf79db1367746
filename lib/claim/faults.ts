// Fault injection points for tests that simulate a crash between two writes. Nothing sets them
// outside tests; an unset point costs one property read.
export const faults: {
  beforeTakeUnit?: () => void;
  afterTakeUnit?: () => void;
  afterHoldEnded?: () => void;
} = {};
