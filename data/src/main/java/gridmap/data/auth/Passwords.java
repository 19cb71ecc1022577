package gridmap.data.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * argon2id password hashes (PHC strings). Parameters follow OWASP's minimum for argon2id
 * (19 MiB, 2 passes, 1 lane): about 30 ms a check here, cheap for a login, costly for a guesser.
 */
public final class Passwords {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);
    /** Checked when the user does not exist, so that an unknown name takes as long as a wrong password. */
    private static final String DUMMY = hash("not-a-real-password-0");
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;

    private Passwords() {}

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    /** True when password matches storedHash; a null hash (no login for this account) never matches. */
    public static boolean verify(String password, String storedHash) {
        if (storedHash == null) {
            Password.check(password, DUMMY).with(ARGON2);
            return false;
        }
        try {
            return Password.check(password, storedHash).with(ARGON2);
        } catch (RuntimeException e) {
            return false; // a malformed stored hash is a failed check, not a crash
        }
    }

    /** Why a new password is not acceptable, or null when it is. */
    public static String problemWith(String password) {
        if (password == null || password.length() < MIN_LENGTH) return "a password needs at least " + MIN_LENGTH + " characters";
        if (password.length() > MAX_LENGTH) return "a password may have at most " + MAX_LENGTH + " characters";
        if (password.isBlank()) return "a password cannot be only spaces";
        return null;
    }
}
