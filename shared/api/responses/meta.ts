import * as z from 'zod';
import { datetime } from './common';

export const healthSchema = z.object({ status: z.literal('ok'), service: z.string(), time: datetime });
export const openApiDocumentSchema = z.looseObject({ openapi: z.string() });
