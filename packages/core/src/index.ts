/**
 * @since 0.1.0
 */
export * as AblyHttp from "./Http/AblyHttp.js"
/**
 * @since 0.1.0
 */
export * as AblyOptions from "./Options/AblyOptions.js"
/**
 * @since 0.1.0
 */
export * as AblyRequest from "./Http/AblyRequest.js"
/**
 * @since 0.1.0
 */
export * as Auth from "./Auth/Auth.js"
/**
 * @since 0.1.0
 */
export * as ChannelName from "./Channel/ChannelName.js"
/**
 * @since 0.1.0
 */
export * as ChannelOptions from "./Channel/ChannelOptions.js"
/**
 * @since 0.1.0
 */
export * as Cipher from "./Crypto/Cipher.js"
/**
 * @since 0.1.0
 */
export * as ClientOptions from "./Options/ClientOptions.js"
/**
 * @since 0.1.0
 */
export * as Codec from "./Http/Codec.js"
/**
 * @since 0.1.0
 */
export * as Crypto from "./Crypto/Crypto.js"
/**
 * @since 0.1.0
 */
export * as DataCodec from "./Message/DataCodec.js"
/**
 * @since 0.1.0
 */
export * as Decode from "./Message/Decode.js"
/**
 * @since 0.1.0
 */
export * as Errors from "./Errors.js"
/**
 * @since 0.1.0
 */
export * as HistoryParams from "./Channel/HistoryParams.js"
/**
 * @since 0.1.0
 */
export * as Hosts from "./Options/Hosts.js"
/**
 * @since 0.1.0
 */
export * as Input from "./Input.js"
/**
 * @since 0.1.0
 */
export * as Key from "./Options/Key.js"
/**
 * @since 0.1.0
 */
export * as Limits from "./Limits.js"
/**
 * @since 0.1.0
 */
export * as Link from "./Paginated/Link.js"
/**
 * @since 0.1.0
 */
export * as Message from "./Message/Message.js"
/**
 * @since 0.1.0
 */
export * as Paginated from "./Paginated/Paginated.js"
/**
 * @since 0.1.0
 */
export * as Payload from "./Message/Payload.js"
/**
 * @since 0.1.0
 */
export * as Publish from "./Message/Publish.js"
/**
 * @since 0.1.0
 */
export * as Redirects from "./Http/Redirects.js"
/**
 * @since 0.1.0
 */
export * as Random from "./Random.js"
/**
 * @since 0.1.0
 */
export * as Request from "./Request.js"
/**
 * @since 0.1.0
 */
export * as Rest from "./Rest.js"
/**
 * @since 0.1.0
 */
export * as RestChannel from "./Channel/RestChannel.js"
/**
 * @since 0.1.0
 */
export * as Time from "./Time.js"
/**
 * @since 0.1.0
 */
export * as TokenDetails from "./Auth/TokenDetails.js"
/**
 * @since 0.1.0
 */
export * as Version from "./Version.js"
/**
 * @since 0.1.0
 */
export * as AuthCallback from "./Auth/AuthCallback.js"
/**
 * @since 0.1.0
 */
export * as AuthUrl from "./Auth/AuthUrl.js"
/**
 * @since 0.1.0
 */
export * as Capability from "./Auth/Capability.js"
/**
 * @since 0.1.0
 */
export * as Revoke from "./Auth/Revoke.js"
/**
 * @since 0.1.0
 */
export * as ServerTime from "./Auth/ServerTime.js"
/**
 * @since 0.1.0
 */
export * as TokenParams from "./Auth/TokenParams.js"
/**
 * @since 0.1.0
 */
export * as TokenRequest from "./Auth/TokenRequest.js"
/**
 * @since 0.1.0
 */
export * as TokenResult from "./Auth/TokenResult.js"
/**
 * @since 0.1.0
 */
export * as TokenSource from "./Auth/TokenSource.js"
/**
 * @since 0.1.0
 */
export * as Transport from "./Http/Transport.js"
/**
 * @since 0.1.0
 */
export * as HostSelection from "./Http/HostSelection.js"
/**
 * @since 0.1.0
 */
export * as ResponseDecoding from "./Http/ResponseDecoding.js"
/**
 * @since 0.1.0
 */
export * as BatchPresence from "./Batch/BatchPresence.js"
/**
 * @since 0.1.0
 */
export * as BatchPublish from "./Batch/BatchPublish.js"
/**
 * @since 0.1.0
 */
export * as BatchRequests from "./Batch/BatchRequests.js"
/**
 * @since 0.1.0
 */
export * as BatchResult from "./Batch/BatchResult.js"
/**
 * @since 0.1.0
 */
export * as ChannelDetails from "./ChannelStatus/ChannelDetails.js"
/**
 * @since 0.1.0
 */
export * as ChannelList from "./Enumeration/ChannelList.js"
/**
 * @since 0.1.0
 */
export * as ChannelStatus from "./ChannelStatus/Status.js"
/**
 * @since 0.1.0
 */
export * as ListParams from "./Enumeration/ListParams.js"
/**
 * @since 0.1.0
 */
export * as PresenceDecode from "./Presence/Decode.js"
/**
 * @since 0.1.0
 */
export * as PresenceMessage from "./Presence/PresenceMessage.js"
/**
 * @since 0.1.0
 */
export * as PresenceParams from "./Presence/PresenceParams.js"
/**
 * @since 0.1.0
 */
export * as RestPresence from "./Presence/RestPresence.js"
/**
 * @since 0.1.0
 */
export * as RestStats from "./Stats/RestStats.js"
/**
 * @since 0.1.0
 */
export * as Stats from "./Stats/Stats.js"
/**
 * @since 0.1.0
 */
export * as StatsLegacy from "./Stats/Legacy.js"
/**
 * @since 0.1.0
 */
export * as StatsParams from "./Stats/StatsParams.js"
/**
 * @since 0.1.0
 */
export * as ResponseControl from "./Http/ResponseControl.js"
/**
 * @since 0.1.0
 */
export * as Credentials from "./Auth/Credentials.js"
/**
 * @since 0.1.0
 */
export * as Action from "./Message/Action.js"
