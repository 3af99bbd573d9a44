// Wire types read straight from the generated `paths`, by path and method, so the SDK's types
// follow the spec without naming its component schemas.
import type { paths } from '../../generated/schema';

type Method = 'get' | 'post' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M & keyof paths[P]]>;
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON request body of an operation. */
export type RequestBody<P extends keyof paths, M extends Method> =
  Op<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The JSON body of an operation's success (200 or 201). */
export type SuccessBody<P extends keyof paths, M extends Method> =
  Op<P, M> extends { responses: infer R } ? Json<R[200 & keyof R]> | Json<R[201 & keyof R]> : never;

/** The JSON body of one status of an operation. */
export type StatusBody<P extends keyof paths, M extends Method, S extends number> =
  Op<P, M> extends { responses: infer R } ? Json<R[S & keyof R]> : never;

/** The query parameters of an operation. */
export type Query<P extends keyof paths, M extends Method> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
