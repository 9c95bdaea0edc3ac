/**
 * Fake credentials for the SDK's default provider chain: tests never touch a real account. Imported first by
 * every AWS test; it also removes any profile so a developer's ~/.aws cannot leak in.
 */
process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTOPSDECK';
process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-not-real';
process.env.AWS_REGION = 'eu-west-1';
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;

export const TEST_ACCOUNT = '111111111111';
export const TEST_ACCOUNT_2 = '222222222222';
