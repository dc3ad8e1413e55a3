import { httpHandler, type RouteHandler } from './http/http-handler';

export const health: RouteHandler = async () => ({ status: 200, body: { status: 'ok', service: 'vigie', time: new Date().toISOString() } });

export const handler = httpHandler('GET /health', health);
