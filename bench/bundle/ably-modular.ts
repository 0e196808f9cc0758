// (d) The same publish + history with ably-js's modular REST build.
import { BaseRest, FetchRequest, Rest } from "ably/modular"

const client = new BaseRest({ token: "a-token", plugins: { Rest, FetchRequest } })
const channel = client.channels.get("demo")
await channel.publish("greeting", "hello")
console.log((await channel.history({ limit: 10 })).items)
