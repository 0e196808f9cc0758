/**
 * Token revocation (RSA17): `rest.auth.revokeTokens(targets, options)`, its targets and
 * per-target results.
 *
 * @since 0.1.0
 */
export type {
  /**
   * The results of one call, as a `BatchResult`.
   *
   * @since 0.1.0
   * @category models
   */
  RevocationResults,
  /**
   * One target: `{ type: "clientId" | "revocationKey" | "channel", value }`.
   *
   * @since 0.1.0
   * @category models
   */
  RevocationTarget,
  /**
   * `issuedBefore` and `allowReauthMargin`.
   *
   * @since 0.1.0
   * @category models
   */
  RevokeOptions,
  /**
   * One target's result: a success (`target`, `issuedBefore`, `appliesAt`) or a failure.
   *
   * @since 0.1.0
   * @category models
   */
  TargetResult
} from "./internal/auth/Revoke.js"
