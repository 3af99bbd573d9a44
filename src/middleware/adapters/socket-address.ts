/** What the Node adapters read the client's address from: a `net.Socket`. */
export interface AddressedSocket {
  readonly remoteAddress?: string;
}

const addresses = new WeakMap<AddressedSocket, string>();

/**
 * The remote address of a connection, read from the socket once per connection: Node's getter
 * goes through several property lookups on every read, and a keep-alive connection carries many
 * requests from the one address it was opened from.
 *
 * @example
 * remoteAddressOf(req.socket); // '203.0.113.7'
 */
export function remoteAddressOf(socket: AddressedSocket | undefined): string | undefined {
  if (socket === undefined) return undefined;
  const known = addresses.get(socket);
  if (known !== undefined) return known;
  const address = socket.remoteAddress;
  // Unknown until connected, and after the socket is destroyed: only a known address is kept.
  if (address !== undefined) addresses.set(socket, address);
  return address;
}
