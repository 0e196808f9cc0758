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
export * as ClientOptions from "./Options/ClientOptions.js"
/**
 * @since 0.1.0
 */
export * as Codec from "./Http/Codec.js"
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
export * as Key from "./Options/Key.js"
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
