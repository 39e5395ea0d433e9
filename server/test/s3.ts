import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '../src/config.ts';

export interface LocalS3 {
  settings: S3Settings;
  close: () => Promise<void>;
}

/** A real S3 server on 127.0.0.1 (s3rver, its default S3RVER credentials) with bucket `opsdesk`. */
export async function startLocalS3(): Promise<LocalS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'opsdesk' }] });
  const { address, port } = await server.run();
  return {
    settings: {
      endpoint: `http://${address}:${port}`,
      bucket: 'opsdesk',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    },
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
