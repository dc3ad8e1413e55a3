import { httpHandler, type RouteHandler } from './http/http-handler';
import * as api from '../shared/api/routes/health';

export const health: RouteHandler<typeof api.health> = async () => ({ status: 200, body: { status: 'ok', service: 'vigie', time: new Date().toISOString() } });

export const handler = httpHandler(api.health, health);
