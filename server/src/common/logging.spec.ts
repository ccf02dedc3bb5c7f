import { redactUrl } from './logging.js';

describe('redactUrl', () => {
  it('redacts the values of invite and token query parameters, in any case or encoding, keeping the rest', () => {
    expect(redactUrl('/?invite=abc123')).toBe('/?invite=[redacted]');
    expect(redactUrl('/?view=admin&invite=abc123&card=7')).toBe('/?view=admin&invite=[redacted]&card=7');
    expect(redactUrl('/api/x?token=abc&TOKEN=def&Invite=ghi')).toBe('/api/x?token=[redacted]&TOKEN=[redacted]&Invite=[redacted]');
    expect(redactUrl('/?%69nvite=abc')).toBe('/?%69nvite=[redacted]');
    expect(redactUrl('/?invite')).toBe('/?invite=[redacted]');
    expect(redactUrl('/?invite=a&invite=b')).toBe('/?invite=[redacted]&invite=[redacted]');
  });

  it('redacts the token of a tracking link, on the page and under the API', () => {
    expect(redactUrl('/track/s3cr3t')).toBe('/track/[redacted]');
    expect(redactUrl('/track/s3cr3t?lang=en')).toBe('/track/[redacted]?lang=en');
    expect(redactUrl('/api/track/s3cr3t/files/9')).toBe('/api/track/[redacted]/files/9');
    expect(redactUrl('/API/Track/s3cr3t')).toBe('/API/Track/[redacted]');
  });

  it('leaves other URLs as they are', () => {
    for (const url of ['/', '/api/board', '/api/cards/1?view=manager', '/?tokens=1', '/api/tracker/x', '/trackers/x', '/?a=%zz'])
      expect(redactUrl(url)).toBe(url);
  });
});
