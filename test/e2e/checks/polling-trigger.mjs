// The Krebit Polling Trigger in a real n8n (filled in when the node lands).
export function pollingTriggerChecks() {}
