// Shapes of provider credentials that may be echoed in an upstream error message (OpenAI's 401 says
// "Incorrect API key provided: sk-abc...xyz"). Anything that looks like one is cut out of messages.
const credentialPatterns: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_*.-]{6,}/g,
  /\bhf_[A-Za-z0-9]{6,}/g,
  /\bBearer\s+[^\s"',]+/gi,
  /\bapi[-_]?key["'\s:=]+[^\s"',]+/gi,
];

/** Removes known secret values and anything shaped like a credential from a message. */
export const redact = (message: string, secrets: readonly string[] = []): string => {
  let out = message;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  for (const pattern of credentialPatterns) out = out.replace(pattern, '[redacted]');
  return out;
};
