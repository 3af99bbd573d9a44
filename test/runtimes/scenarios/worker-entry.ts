// A Cloudflare Worker running the SDK scenarios: POST {baseUrl, adminToken} → the results.
import * as sdk from '@hokusai/auth';
import { runSdkScenarios } from './sdk-scenarios';

export default {
  async fetch(request: Request): Promise<Response> {
    if (request.method !== 'POST') return new Response('POST {baseUrl, adminToken} to run the scenarios', { status: 405 });
    const { baseUrl, adminToken } = (await request.json()) as { baseUrl: string; adminToken: string };
    const results = await runSdkScenarios({ sdk, baseUrl, adminToken });
    return Response.json({ results });
  },
};
